<?php
/**
 * The one template of the test classic theme: the loop, and on singular views the comment
 * section through comments_template(), as classic themes do.
 */
?><!doctype html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<main>
<?php
while ( have_posts() ) {
	the_post();
	echo '<article><h1>' . esc_html( get_the_title() ) . '</h1>';
	the_content();
	echo '</article>';
	if ( is_singular() && ( comments_open() || get_comments_number() ) ) {
		comments_template();
	}
}
?>
</main>
<?php wp_footer(); ?>
</body>
</html>
